// ShipDelay: the task list starts with the earliest review deadline first.
// Tasklist orders its list by the `sorting` parameter of its address and, without one, by creation
// time. Whenever the address has no `sorting`, this sets it to the due date (the review deadline),
// earliest first; a reviewer who picks another order in the list keeps it.
const deadlineFirst = encodeURIComponent(JSON.stringify([{ sortBy: 'dueDate', sortOrder: 'asc' }]));

function sortByDeadline() {
  const hash = window.location.hash || '#/';
  if (hash.startsWith('#/login') || /[?&]sorting=/.test(hash)) {
    return;
  }
  const [path, query] = hash.replace(/^#/, '').split('?');
  window.location.replace(
    '#' + (path || '/') + '?' + (query ? query + '&' : '') + 'sorting=' + deadlineFirst
  );
}

sortByDeadline();
window.addEventListener('hashchange', sortByDeadline);

export default [];
