// tsyringe needs the Reflect metadata API before it loads. Core reaches tsyringe's run-time values
// only through this module, so the polyfill is in place on every entry point (ESM, CJS, React Native).
import "reflect-metadata";

export { container as rootContainer, inject, injectable, instanceCachingFactory } from "tsyringe";
