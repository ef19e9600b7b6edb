export { runWithMocks } from "../../packages/tools/mock-runtime/index.js";
export type { RecordedResource, MockRunResult } from "../../packages/tools/mock-runtime/index.js";
