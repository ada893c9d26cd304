"""The REST API; `codedoc.service.api.app.create_app` puts it together with the web viewer."""
