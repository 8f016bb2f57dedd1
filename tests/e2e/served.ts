// The app served for one describe block of e2e tests (the shape every such file opened with).
import { afterAll, beforeAll } from "vitest";
import { serve, type Served } from "./harness.ts";

/**
 * The app served for the tests of one describe block: started in its beforeAll, stopped in its
 * afterAll. Call it in the block's body; read the server through the function it returns.
 */
export function servedForBlock(options: Parameters<typeof serve>[0] = {}): () => Served {
  let served: Served | undefined;
  beforeAll(async () => {
    served = await serve(options);
  }, 180_000);
  afterAll(async () => {
    await served?.stop();
  });
  return () => served!;
}
