// The bundled data as the examples use it, read once.
import { join } from "node:path";
import { readInitiativeRatings, readRespondents, type Table } from "@koe/core";

let cache: Promise<{ respondents: Table; ratings: Table }> | null = null;
const data = join(import.meta.dirname, "..", "..", "data");

export function fixtures(): Promise<{ respondents: Table; ratings: Table }> {
  cache ??= (async () => ({
    respondents: (await readRespondents(join(data, "respondents.csv"))).table,
    ratings: (await readInitiativeRatings(join(data, "initiative_ratings.csv"))).table,
  }))();
  return cache;
}
