import torch
from fastapi import FastAPI

api = FastAPI()
