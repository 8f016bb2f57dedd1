// What a step's tensor is called on screen: its name, with its version where the trace wrote one. A name
// reassigned from itself (lesson 18's y = y + x[k:k+m] w[k]) keeps the plain name in the record (the
// lesson's equations bind names, not versions) and its version in the labels: y and y⁽¹⁾. The step card's
// head and output, and the graph's boxes, call it as the formula does.

/** a version as kernel/trace writes one after a name: ⁽²⁾ */
const VERSION = /^⁽[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾$/u;

/** `name` with the version its label `shown` gives it (y, y⁽¹⁾ -> y⁽¹⁾); any other label leaves the name. */
export function versionedName(name: string, shown: string | undefined): string {
  return shown !== undefined && shown.startsWith(name) && VERSION.test(shown.slice(name.length)) ? shown : name;
}
