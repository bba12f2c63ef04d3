"""The office server: officers' own logins, group roles, and the rules the server enforces."""
