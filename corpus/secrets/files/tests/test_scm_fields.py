def test_quotes_survive():
    data = {"url": "https://git.acme-corp.io/repo.git", "password": "don't"}
