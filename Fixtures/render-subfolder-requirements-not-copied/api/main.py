from fastapi import FastAPI

api = FastAPI()


@api.get("/health")
def health() -> dict:
    return {"ok": True}
