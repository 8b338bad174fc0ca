// Grows a textarea with its content, so long paragraphs never hide behind a
// scrollbar. Pass the bound value so the action re-measures when it changes;
// a narrower field wraps more lines, so it re-measures when its width changes.
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
  // Its own width, not the window's: a scroll bar appearing beside the
  // editor narrows every field after a window resize has been handled.
  let width = node.clientWidth;
  const observer =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver(() => {
          if (node.clientWidth === width) return;
          width = node.clientWidth;
          fit(true);
        });
  observer?.observe(node);
  return {
    update: () => {
      const shrink = node.value.length < length;
      length = node.value.length;
      fit(shrink);
    },
    destroy: () => observer?.disconnect(),
  };
}
