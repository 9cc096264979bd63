// An accessible combobox (WAI-ARIA 1.2 "list autocomplete") over
// GET /api/v1/suggest: organisations and places as the reader types,
// diacritics folded by the server. Arrow keys move, Enter picks, Escape closes.
const DELAY_MS = 150;

export function typeahead(input) {
  const label = input.dataset.suggestLabel || 'Suggestions';
  const list = document.createElement('ul');
  list.id = `${input.id || 'q'}-suggestions`;
  list.className = 'suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', label);
  list.hidden = true;
  input.after(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('autocomplete', 'off');

  let timer = 0;
  let active = -1;
  let controller = null;

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };

  const mark = (index) => {
    const items = list.querySelectorAll('[role="option"]');
    items.forEach((item, i) => item.setAttribute('aria-selected', String(i === index)));
    active = index;
    if (index >= 0 && items[index]) {
      input.setAttribute('aria-activedescendant', items[index].id);
      items[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const choose = (text) => {
    input.value = text.includes(' ') ? `"${text}"` : text;
    close();
    input.focus();
  };

  const show = (suggestions) => {
    list.replaceChildren();
    suggestions.forEach((s, i) => {
      const item = document.createElement('li');
      item.id = `${list.id}-${i}`;
      item.setAttribute('role', 'option');
      item.setAttribute('aria-selected', 'false');
      item.dataset.kind = s.kind;
      item.textContent = s.text;  // text, never markup
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = ` (${s.projects})`;
      item.append(count);
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();  // keep focus in the input
        choose(s.text);
      });
      list.append(item);
    });
    const open = suggestions.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    active = -1;
  };

  const fetchSuggestions = async () => {
    const q = input.value.trim();
    if (q.length < 2) {
      close();
      return;
    }
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`/api/v1/suggest?q=${encodeURIComponent(q)}&limit=8`, {
        signal: controller.signal,
        headers: { Accept: 'application/json' },
      });
      if (!response.ok) return close();
      const body = await response.json();
      show(Array.isArray(body.suggestions) ? body.suggestions : []);
    } catch (error) {
      if (error.name !== 'AbortError') close();
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, DELAY_MS);
  });
  input.addEventListener('keydown', (event) => {
    const count = list.querySelectorAll('[role="option"]').length;
    if (event.key === 'ArrowDown' && count) {
      event.preventDefault();
      if (list.hidden) return fetchSuggestions();
      mark((active + 1) % count);
    } else if (event.key === 'ArrowUp' && count) {
      event.preventDefault();
      mark(active <= 0 ? count - 1 : active - 1);
    } else if (event.key === 'Enter' && active >= 0 && !list.hidden) {
      event.preventDefault();
      const option = list.querySelectorAll('[role="option"]')[active];
      choose(option.firstChild.textContent);
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
}
