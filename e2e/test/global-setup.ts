// Before any browser test: ui/dist must be a production build. A development
// build (see scripts/ui-build.mjs) makes pages misbehave in ways that look
// like product bugs, so refuse it here with what to do instead.
import { uiBuildProblem } from '../../scripts/ui-build.mjs';

export default function refuseADevelopmentBuild(): void {
  const problem = uiBuildProblem();
  if (problem) throw new Error(problem);
}
