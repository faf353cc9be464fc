"""Apache Airflow DAG: the nightly ingest and refresh of yibao-lake.

Install: copy this file into the DAGs folder of an Airflow 2.x deployment whose workers can run
/opt/yibao-lake/bin/yibao, and define the Airflow Variables YIBAO_LAKE and YIBAO_LANDING and the
connection-free secret YIBAO_PII_KEY (an Airflow Variable backed by the bureau's secrets backend).

Exit codes of yibao map to Airflow outcomes:
  0 -> success;
  1 -> failure that Airflow retries (transient: disk, network, memory);
  2 -> failure without retry (configuration: fix conf/ or the lake path, then clear the task);
  3 -> failure without retry (data quality: a rejected or re-delivered batch, a batch that does not
       reconcile); the run task does not start on a red ingest.
Each task writes a JSON run summary that the task log prints.
"""
import os
import subprocess
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.models import Variable
from airflow.operators.python import PythonOperator

YIBAO = "/opt/yibao-lake/bin/yibao"
SUMMARY_DIR = "/var/log/yibao"

# the steps, as yibao arguments; tests/.../DeployExamplesTest parses them against the CLI
STEPS = {
    "ingest": ["ingest", "--landing", "{landing}"],
    "run": ["run"],
}


def run_yibao(step, ds, **_):
    env = dict(os.environ,
               YIBAO_LAKE=Variable.get("YIBAO_LAKE"),
               YIBAO_PII_KEY=Variable.get("YIBAO_PII_KEY"))
    summary = f"{SUMMARY_DIR}/{ds}-{step}.json"
    args = [a.format(landing=Variable.get("YIBAO_LANDING")) for a in STEPS[step]]
    rc = subprocess.run([YIBAO, "--summary", summary] + args, env=env).returncode
    if os.path.exists(summary):
        with open(summary, encoding="utf-8") as f:
            print(f.read())
    if rc == 0:
        return
    if rc in (1, 4):
        # 1 transient, 4 another writer holds the lake: both are retried
        raise AirflowException(f"yibao {step} failed (exit {rc}): retried")
    raise AirflowFailException(f"yibao {step} stopped with exit {rc}: not retried, see {summary}")


with DAG(
    dag_id="yibao_lake_nightly",
    description="yibao-lake: ingest the landing folder, then refresh every job",
    schedule="30 1 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,  # the lake has a single writer
    default_args={"retries": 2, "retry_delay": timedelta(minutes=5),
                  "execution_timeout": timedelta(hours=6), "email_on_failure": True},
    tags=["yibao-lake"],
) as dag:
    ingest = PythonOperator(task_id="ingest", python_callable=run_yibao, op_kwargs={"step": "ingest"})
    refresh = PythonOperator(task_id="run", python_callable=run_yibao, op_kwargs={"step": "run"})
    ingest >> refresh
