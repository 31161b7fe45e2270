"""The check-in page alone may use the camera (its QR scanner); the CSP allows its script."""


def test_only_the_check_in_page_may_use_the_camera(client_of, staff_member, seminar):
    client = client_of(staff_member)
    check_in = client.get("/lt/events/seminaras/check-in/")
    assert check_in.status_code == 200
    assert "camera=(self)" in check_in["Permissions-Policy"].split(", ")
    assert "microphone=()" in check_in["Permissions-Policy"].split(", ")
    assert "/static/events/scanner.js" in check_in.content.decode()  # a file, not inline

    event_page = client.get("/lt/events/seminaras/")
    assert "camera=()" in event_page["Permissions-Policy"].split(", ")
