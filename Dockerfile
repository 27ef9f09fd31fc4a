# Newsdesk under gunicorn, installed from its own wheel (not from the source tree), so
# that the image runs exactly what the package ships.
FROM python:3.11-slim AS wheel
WORKDIR /src
COPY . .
RUN pip install --no-cache-dir "setuptools>=70.1" && \
    pip wheel --no-cache-dir --no-deps --no-build-isolation --wheel-dir /dist .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 STATIC_ROOT=/app/staticfiles \
    NEWSDESK_DATA_DIR=/app/data
COPY --from=wheel /dist /dist
RUN pip install --no-cache-dir /dist/*.whl && rm -rf /dist
WORKDIR /app
# collectstatic needs settings but no database: a placeholder URL keeps pgserver out of it.
RUN DATABASE_URL=postgres://build@localhost/build SECRET_KEY=build-only \
    newsdesk-manage collectstatic --noinput && \
    useradd --create-home newsdesk && mkdir -p /app/data && chown newsdesk /app/data
USER newsdesk
EXPOSE 8000
CMD ["gunicorn", "newsdesk.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
