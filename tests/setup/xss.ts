// A corpus of script and HTML payloads for the XSS tests (tests/trust/xss.test.ts and
// tests/e2e/xss.test.ts). Every payload that would make an element carries a `data-xss`
// attribute, and every one that would run script sets `window.__xss` (some call alert), so a
// test can tell that one got through: an element matching INJECTED, a dialog, or window.__xss.
// Each is at most 59 characters: it fits a display name (60), and two fit a title (120).

export interface Payload {
  name: string;
  text: string;
}

export const PAYLOADS: Payload[] = [
  { name: "script tag", text: `<script>window.__xss=1;alert(1)</script>` },
  { name: "script tag with a marker", text: `<script data-xss>window.__xss=2</script>` },
  { name: "img onerror", text: `<img src=x data-xss onerror=window.__xss=3>` },
  { name: "img onerror alert", text: `<img src=x data-xss onerror="alert(4)">` },
  { name: "svg onload", text: `<svg data-xss onload=window.__xss=5>` },
  { name: "svg animate onbegin", text: `<svg><animate data-xss onbegin=window.__xss=6 dur=1s>` },
  { name: "double-quote attribute breakout", text: `"><img src=x data-xss onerror=window.__xss=7>` },
  { name: "single-quote attribute breakout", text: `'><img src=x data-xss onerror=window.__xss=8>` },
  { name: "attribute injection", text: `" data-xss onfocus="window.__xss=9" autofocus x="` },
  { name: "unquoted attribute injection", text: `x data-xss onmouseover=window.__xss=10` },
  { name: "</title> breakout", text: `</title><script data-xss>window.__xss=11</script>` },
  { name: "</textarea> breakout", text: `</textarea><img src=x data-xss onerror=window.__xss=12>` },
  { name: "</style> breakout", text: `</style><img src=x data-xss onerror=window.__xss=13>` },
  { name: "comment breakout", text: `--><img src=x data-xss onerror=window.__xss=14><!--` },
  { name: "javascript: URL", text: `javascript:window.__xss=15;alert(15)` },
  { name: "link to a javascript: URL", text: `<a data-xss href="javascript:window.__xss=16">go</a>` },
  { name: "link to a data: URL", text: `<a data-xss href=data:text/html,<script>alert(17)</script>>` },
  { name: "iframe srcdoc", text: `<iframe data-xss srcdoc="<script>top.__xss=18</script>">` },
  { name: "iframe javascript: src", text: `<iframe data-xss src="javascript:top.__xss=19">` },
  { name: "object data", text: `<object data-xss data="javascript:window.__xss=20">` },
  { name: "embed src", text: `<embed data-xss src="javascript:window.__xss=21">` },
  { name: "base href", text: `<base data-xss href="https://evil.example/">` },
  { name: "meta refresh", text: `<meta data-xss http-equiv=refresh content=0;url=//e.test>` },
  { name: "form action", text: `<form data-xss action=javascript:window.__xss=24><button>x` },
  { name: "details ontoggle", text: `<details data-xss open ontoggle=window.__xss=25>` },
  { name: "input autofocus onfocus", text: `<input data-xss autofocus onfocus=window.__xss=26>` },
  { name: "marquee onstart", text: `<marquee data-xss onstart=window.__xss=27>` },
  { name: "template literal", text: "${window.__xss=28}" },
  { name: "template literal in backticks", text: "`${alert(29)}`" },
  { name: "{{ }} template", text: `{{constructor.constructor('window.__xss=30')()}}` },
  { name: "{{ }} template, Angular sandbox escape", text: `{{$on.constructor('alert(31)')()}}` },
  { name: "placeholders and replacement patterns", text: "{page} {name} {count} $& $' $` $1" },
  { name: "CSS expression", text: `<div data-xss style="width:expression(window.__xss=33)">` },
  { name: "style tag with @import", text: `<style data-xss>@import "//evil.example/x.css";</style>` },
  { name: "JavaScript unicode escapes", text: `\\u003cimg src=x data-xss onerror=window.__xss=35\\u003e` },
  { name: "named HTML entities", text: `&lt;img src=x data-xss onerror=window.__xss=36&gt;` },
  { name: "numeric HTML entities", text: `&#60;script&#62;window.__xss=37&#60;/script&#62;` },
  { name: "URL-encoded", text: `%3Cscript%3Ewindow.__xss=38%3C/script%3E` },
  { name: "fullwidth brackets (NFKC gives <script>)", text: `＜script＞window.__xss=39＜/script＞` },
  { name: "nested tag filter evasion", text: `<scr<script>ipt data-xss>window.__xss=40</script>` },
  { name: "mutation XSS through math and style", text: `<math><style><img src=x data-xss onerror=window.__xss=41>` },
  { name: "noscript breakout", text: `<noscript><p title="</noscript><img data-xss src=x>">` },
];

/**
 * Elements that only an injection could have made: the marker, and the kinds of element and
 * event attribute the payloads use (the app itself uses none of them).
 */
export const INJECTED =
  "[data-xss], iframe, object, embed, base, marquee, details[ontoggle], form[action^='javascript'], " +
  "[onerror], [onload], [onfocus], [onbegin], [onmouseover], [ontoggle], [onstart], [style*='expression']";

/** HTML escaping of text, as both renderers do it. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
