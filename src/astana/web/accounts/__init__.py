"""Accounts: people who log in, and the roles they hold through their organisations."""
