def test_home_shows_the_headline_measures(sign_in):
    client = sign_in("analyst")
    page = client.get("/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Re-referrals within 12 months" in text
    assert "England" in text
