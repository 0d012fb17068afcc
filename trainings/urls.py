app_name = "trainings"

urlpatterns = []
