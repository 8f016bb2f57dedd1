// nn.datasets: generated toy sets, the shipped real ones, and CSV loading.
import { blobs, circles, linear, moons, spirals, xor } from "./generators.ts";
import { digits, wine } from "./real.ts";
import { load, parseCSV } from "./load.ts";

export const datasets = { moons, circles, blobs, spirals, xor, linear, digits, wine, load, parseCSV };
