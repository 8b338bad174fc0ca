// Grows a textarea with its content, so long paragraphs never hide behind a
// scrollbar. Pass the bound value so the action re-measures when it changes;
// a narrower window wraps more lines, so it re-measures on resize too.
//
// Typing that adds text only ever grows the field, which needs one read of
// scrollHeight; shrinking needs the height reset first, a second layout of
// the whole page, so that is done only when text was taken away. In a
// 5,000-word brief each forced layout is felt on every key.

export function autogrow(node: HTMLTextAreaElement, _value: string) {
  let length = node.value.length;
  const fit = (shrink: boolean) => {
    if (shrink) node.style.height = 'auto';
    const wanted = node.scrollHeight + 2;
    if (shrink || wanted > node.offsetHeight) node.style.height = `${wanted}px`;
  };
  fit(true);
  const resized = () => fit(true);
  window.addEventListener('resize', resized);
  return {
    update: () => {
      const shrink = node.value.length < length;
      length = node.value.length;
      fit(shrink);
    },
    destroy: () => window.removeEventListener('resize', resized),
  };
}
