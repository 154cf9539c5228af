"""Forms validate what people type and have no side effects; the services do the writing.

One module per concept, like `models/`. Nothing is re-exported here: import a form from
its concept module (`from partnerships.forms.employers import EmployerForm`)."""
