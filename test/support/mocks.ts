export { runWithMocks } from "../../packages/mock-runtime/index.js";
export type { RecordedResource, MockRunResult } from "../../packages/mock-runtime/index.js";
