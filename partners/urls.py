from django.urls import path

from .views import home, signin

app_name = "partners"

# Mounted at /kumppani/ (config/urls.py): the partner session's cookie is sent to that path only.
urlpatterns = [
    path("", signin.start, name="start"),
    path("linkki-lahetetty/", signin.sent, name="sent"),
    path("kirjaudu/<str:token>/", signin.link, name="link"),
    path("valitse/", signin.choose, name="choose"),
    path("kirjaudu-ulos/", signin.sign_out, name="sign_out"),
    path("oma/", home.home, name="home"),
    path("henkilo/<int:pk>/kirjautumislinkki/", signin.person_send_link, name="person_send_link"),
]
