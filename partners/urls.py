from django.urls import path

from .views import changes, contact_requests, home, people, periods, sections, signin

app_name = "partners"

# Mounted at /kumppani/ (config/urls.py): the partner session's cookie is sent to that path only.
urlpatterns = [
    path("", signin.start, name="start"),
    path("linkki-lahetetty/", signin.sent, name="sent"),
    path("kirjaudu/<str:token>/", signin.link, name="link"),
    path("valitse/", signin.choose, name="choose"),
    path("kirjaudu-ulos/", signin.sign_out, name="sign_out"),
    path("oma/", home.home, name="home"),
    path("oma/henkilot/<int:pk>/", people.person_correct, name="person_correct"),
    path("oma/jaksot/", periods.work_periods, name="work_periods"),
    path("oma/naytot.ics", periods.demonstrations_ics, name="demonstrations_ics"),
    path("oma/palaute/", sections.feedback, name="feedback"),
    path("oma/kumppanuus/", sections.partnership, name="partnership"),
    path("oma/ota-yhteytta/", contact_requests.contact_request, name="contact_request"),
    path("oma/uusi-ohjaaja/", changes.instructor_add, name="instructor_add"),
    path("oma/henkilot/<int:pk>/lopettanut/", changes.person_left, name="person_left"),
    # Staff: the account owner confirms or rejects what partners asked.
    path("muutokset/", changes.change_list, name="change_list"),
    path("muutokset/<int:pk>/", changes.change_decide, name="change_decide"),
    path("henkilo/<int:pk>/kirjautumislinkki/", signin.person_send_link, name="person_send_link"),
]
