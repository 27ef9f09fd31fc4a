FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY newsdesk newsdesk
COPY claims claims
RUN pip install --no-cache-dir .
COPY . .
# collectstatic needs settings but no database: a placeholder URL keeps pgserver out of it.
RUN DATABASE_URL=postgres://build@localhost/build SECRET_KEY=build-only \
    python manage.py collectstatic --noinput
RUN useradd --create-home newsdesk
USER newsdesk
EXPOSE 8000
