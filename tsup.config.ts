import { defineConfig } from "tsup";

export default defineConfig({
  // One entry per package subpath; msw stays external (an optional peer of giacom-sdk/mock).
  entry: {
    index: "src/index.ts",
    "webhooks/index": "src/giacom/webhooks/index.ts",
    "mock/index": "src/giacom/mock/index.ts",
    "core/index": "src/core/index.ts",
    "tmf622/index": "src/tmf622/index.ts",
    "tmf622/mock/index": "src/tmf622/mock/index.ts",
    "tmf638/index": "src/tmf638/index.ts",
    "tmf638/mock/index": "src/tmf638/mock/index.ts",
    "masstack/index": "src/masstack/index.ts",
    "masstack/callbacks/index": "src/masstack/callbacks/index.ts",
    "masstack/mock/index": "src/masstack/mock/index.ts",
    "redis/index": "src/redis/index.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  external: ["msw", "msw/node"],
});
