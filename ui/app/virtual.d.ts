// The lessons of the course, by name (file name without `.md`): provided by ui/dev/notebooks-plugin.ts.
declare module "virtual:stepbook/course" {
  const course: Record<string, string>;
  export default course;
}
