import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Same mapping as tsconfig `paths`: tests and examples import the package by name.
    alias: [
      { find: /^giacom-sdk$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
      { find: /^giacom-sdk\/webhooks$/, replacement: fileURLToPath(new URL("./src/giacom/webhooks/index.ts", import.meta.url)) },
      { find: /^giacom-sdk\/mock$/, replacement: fileURLToPath(new URL("./src/giacom/mock/index.ts", import.meta.url)) },
      { find: /^giacom-sdk\/core$/, replacement: fileURLToPath(new URL("./src/core/index.ts", import.meta.url)) },
      { find: /^giacom-sdk\/redis$/, replacement: fileURLToPath(new URL("./src/redis/index.ts", import.meta.url)) },
      { find: /^giacom-sdk\/tmf622$/, replacement: fileURLToPath(new URL("./src/tmf622/index.ts", import.meta.url)) },
      { find: /^giacom-sdk\/tmf622\/mock$/, replacement: fileURLToPath(new URL("./src/tmf622/mock/index.ts", import.meta.url)) },
      { find: /^giacom-sdk\/tmf638$/, replacement: fileURLToPath(new URL("./src/tmf638/index.ts", import.meta.url)) },
      { find: /^giacom-sdk\/tmf638\/mock$/, replacement: fileURLToPath(new URL("./src/tmf638/mock/index.ts", import.meta.url)) },
      { find: /^giacom-sdk\/masstack$/, replacement: fileURLToPath(new URL("./src/masstack/index.ts", import.meta.url)) },
      { find: /^giacom-sdk\/masstack\/callbacks$/, replacement: fileURLToPath(new URL("./src/masstack/callbacks/index.ts", import.meta.url)) },
      { find: /^giacom-sdk\/masstack\/mock$/, replacement: fileURLToPath(new URL("./src/masstack/mock/index.ts", import.meta.url)) },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Fails any test file whose output shows a known secret of the suite.
    setupFiles: ["test/helpers/secret-guard.ts"],
  },
});
