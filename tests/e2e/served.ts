// The app, or an exported site, served for one describe block of e2e tests (the shape every such file
// opened with).
import type { Server } from "node:http";
import { afterAll, beforeAll } from "vitest";
import { serveSite } from "../export/helpers.ts";
import { exportedSite, serve, type Served } from "./harness.ts";

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

/**
 * An exported site (the exporter plus the live app, `exportedSite`) served as static files for the tests
 * of one describe block; read its origin through the function it returns (pages are under BASE).
 */
export function siteForBlock(options: Parameters<typeof exportedSite>[0]): () => string {
  let site: { server: Server; origin: string } | undefined;
  beforeAll(async () => {
    site = await serveSite(await exportedSite(options));
  }, 900_000);
  afterAll(async () => {
    await new Promise((r) => site?.server.close(r));
  });
  return () => site!.origin;
}
