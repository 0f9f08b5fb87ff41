import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";

/** Every stored card licence (what `omo store copy` carries over), by key. */
export const cardLicenceExport = defineQuery({
  name: "card-licence-export",
  description:
    "Every licence fetched from a model card (model_card_licence: repo id, cardData.license_name, license_link, license, the day fetched, the endpoint), ordered by lower-cased id.",
  params: z.object({}),
  sql: sqlFiles("card-licence-export"),
  row: z.object({
    id: z.string(),
    licenseName: z.string().nullable(),
    licenseLink: z.string().nullable(),
    cardLicense: z.string().nullable(),
    fetchedOn: z.string(),
    source: z.string(),
  }),
});
