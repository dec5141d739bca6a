# jobtrends on a schedule in a container: `jobtrends serve` (local Prefect server + deployments).
#   docker build -t jobtrends .
#   docker run -v jobtrends-data:/app/data -p 127.0.0.1:4200:4200 jobtrends
# Not built in this project's CI (no Docker engine there); see README, "Running on a schedule".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/app/.venv PATH=/app/.venv/bin:$PATH \
    PREFECT_HOME=/app/data/prefect PREFECT_SERVER_ANALYTICS_ENABLED=false DO_NOT_TRACK=1 \
    JOBTRENDS_DB=/app/data/jobtrends.duckdb JOBTRENDS_METRICS_FILE=/app/data/metrics/jobtrends.prom

WORKDIR /app
RUN pip install --no-cache-dir uv==0.13.9 \
 && useradd --create-home --uid 10001 jobtrends
COPY pyproject.toml uv.lock README.md ./
COPY extract ./extract
COPY transform ./transform
COPY warehouse ./warehouse
COPY flows ./flows
RUN uv sync --frozen --no-dev --no-cache \
 && mkdir -p /app/data && chown -R jobtrends /app/data
USER jobtrends
VOLUME /app/data
EXPOSE 4200

HEALTHCHECK --interval=60s --timeout=5s --start-period=120s \
  CMD python -c "import httpx, sys; sys.exit(httpx.get('http://127.0.0.1:4200/api/health', timeout=4).status_code != 200)"

# The server inside binds 127.0.0.1; the UI is reachable from the host only with --network host
# or a reverse proxy. SIGTERM (docker stop) stops the runner, then the server.
CMD ["jobtrends", "serve"]
