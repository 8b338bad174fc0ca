// Grows a textarea with its content, so long paragraphs never hide behind a
// scrollbar. Pass the bound value so the action re-measures when it changes.

export function autogrow(node: HTMLTextAreaElement, _value: string) {
  const fit = () => {
    node.style.height = 'auto';
    node.style.height = `${node.scrollHeight + 2}px`;
  };
  fit();
  return { update: fit };
}
