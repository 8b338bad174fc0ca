// Grows a textarea with its content, so long paragraphs never hide behind a
// scrollbar. Pass the bound value so the action re-measures when it changes;
// a narrower window wraps more lines, so it re-measures on resize too.

export function autogrow(node: HTMLTextAreaElement, _value: string) {
  const fit = () => {
    node.style.height = 'auto';
    node.style.height = `${node.scrollHeight + 2}px`;
  };
  fit();
  window.addEventListener('resize', fit);
  return {
    update: fit,
    destroy: () => window.removeEventListener('resize', fit),
  };
}
