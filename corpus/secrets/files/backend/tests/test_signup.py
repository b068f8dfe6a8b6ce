def test_signup(client):
    password = "letmein99"
    confirm = "<password>"
    field = {"password": "password"}
