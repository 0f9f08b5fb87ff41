/** Text for HTML and XML (SVG, Atom): the five characters markup gives a meaning to, as numeric character references. */
export function escapeMarkup(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
