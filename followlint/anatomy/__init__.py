"""The document model: a parsed draft and what it is made of (greeting, body, sign-off, signature,
names, placeholders, message kind), with the spaCy and readability helpers it reads through."""
