export { differenceInDifferences, wildClusterBootstrap, type DidOptions, type DidResult } from "./did.js";
