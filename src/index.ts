/**
 * aim's programmatic API: resolve a project's config and trust, resolve keys to an
 * environment, run a command or a registered AI tool with them. Nothing here prints or calls
 * process.exit; failures reject with {@link AimError}, whose `code` is stable.
 *
 * @packageDocumentation
 */
export { execWithKeys, type ExecOptions, type ExecResult, type RunOptions } from "./api/exec.js";
export { CONTRACT, type InvokeOptions, type InvokeResult, invokeTool } from "./api/invoke.js";
export { type EnvOptions, type ProjectInfo, type ProjectOptions, type ResolvedEnv, resolveEnv, resolveProject } from "./api/project.js";
export { listTools, type ToolList } from "./api/tools.js";
export type { Payload } from "./core/template.js";
export { BUILTIN_TOOLS, type BuiltinToolName, type TemplateArg, type ToolSpec } from "./core/tools.js";
export type { CaptureOptions } from "./run/capture.js";
export type { ToolKeyStatus, ToolStatus } from "./project/tools.js";
export type { TrustState } from "./project/trust.js";
export { AimError, type ErrorCode, EXIT } from "./errors.js";
