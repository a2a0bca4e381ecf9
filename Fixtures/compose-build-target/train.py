import torch

model = torch.nn.Linear(8, 1)
print(sum(p.numel() for p in model.parameters()))
