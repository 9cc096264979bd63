// The Source view: choosing a field in the legend highlights every piece of
// text it was read from (one field may span several marks), and a mark
// names its fields when focused or hovered (title attribute, from the server).
export function enhanceSource(view) {
  const marks = [...view.querySelectorAll('mark[data-fields]')];
  const clear = () => marks.forEach((m) => m.classList.remove('active'));
  view.querySelectorAll('.source-legend a[data-field]').forEach((link) => {
    link.addEventListener('click', () => {
      const field = link.dataset.field;
      clear();
      for (const m of marks) {
        if (m.dataset.fields.split(' ').includes(field)) m.classList.add('active');
      }
      view.querySelectorAll('.source-legend a.active').forEach((a) => a.classList.remove('active'));
      link.classList.add('active');
    });
  });
  for (const m of marks) m.tabIndex = 0;  // reachable by keyboard to read its title
}
