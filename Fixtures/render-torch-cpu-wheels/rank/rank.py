from torch import nn

scorer = nn.Linear(8, 1)
