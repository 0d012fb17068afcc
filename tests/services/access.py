"""The answer every services page gives to each kind of visitor."""


def assert_open_to_staff(client, url, outsider, *users):
    """Anonymous goes to the login page, a user in no group is refused, the users see the page."""
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    for user in users:
        client.force_login(user)
        assert client.get(url).status_code == 200
