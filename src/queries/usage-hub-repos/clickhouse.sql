SELECT id, author, license FROM model
WHERE has(splitByChar(',', lowerUTF8($authors)), lowerUTF8(author)) ORDER BY id
