# Fixtures for integration tests: each test gets its own stemd in a temporary directory.
