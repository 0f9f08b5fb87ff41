SELECT id, license_name AS licenseName, license_link AS licenseLink, card_license AS cardLicense,
  toString(fetched_on) AS fetchedOn, source FROM model_card_licence ORDER BY key
