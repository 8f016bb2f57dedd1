// What a step's tensor is called on screen: its name, with its version where the trace wrote one. A name
// reassigned from itself (lesson 18's y = y + x[k:k+m] w[k]) keeps the plain name in the record (the
// lesson's equations bind names, not versions) and its version in the labels: y and yOut⁽¹⁾ (the caller's
// const yOut = conv1d(x, w) names the partial sums too: kernel/trace/versions.ts). The step card's
// head and output, and the graph's boxes, call it as the formula does.

/** a name with a version as kernel/trace writes one: y⁽²⁾, yOut⁽²⁾ */
const VERSIONED = /^[A-Za-z_$][\w$/]*⁽[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾$/u;

/**
 * `name` with the version its label `shown` gives it (y, y⁽¹⁾ -> y⁽¹⁾); a function's y whose last value its
 * caller named yOut is shown as the caller's (y, yOut⁽¹⁾ -> yOut⁽¹⁾); any other label leaves the name.
 */
export function versionedName(name: string, shown: string | undefined): string {
  return shown !== undefined && VERSIONED.test(shown) ? shown : name;
}
