// Types of scripts/assemble-wasm.mjs, for the test that re-assembles the WebAssembly sources.
export interface WasmSource {
  wat: string;
  module: string;
  constant: string;
}
export const WASM_SOURCES: WasmSource[];
export function assemble(watPath: string): Promise<Uint8Array>;
export function moduleText(source: WasmSource, bytes: Uint8Array): string;
