# The lesson network in PyTorch float64 on one thread, for `npm run bench` (bench/torch.ts runs it
# with Debian's /usr/bin/python3 when torch is there). Reads the problem the other contenders train
# on (X, Y, initial W and b) as JSON from the file named by argv[1], trains argv[2] epochs per round
# for argv[3] rounds, and prints {"epochsPerSec": median, "finalLoss": ..., "torch": version}.
import json
import sys
import time

import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)

problem = json.load(open(sys.argv[1]))
epochs = int(sys.argv[2])
rounds = int(sys.argv[3])
n, sizes, lr = problem["N"], problem["sizes"], problem["learningRate"]
X = torch.tensor(problem["X"], dtype=torch.float64).reshape(n, sizes[0])
Y = torch.tensor(problem["Y"], dtype=torch.float64).reshape(n, sizes[3])


def train():
    W = [torch.tensor(problem["W"][l], dtype=torch.float64).reshape(sizes[l], sizes[l + 1]).requires_grad_() for l in range(3)]
    b = [torch.tensor(problem["b"][l], dtype=torch.float64).requires_grad_() for l in range(3)]
    loss = None
    for _ in range(epochs):
        A1 = torch.tanh(X @ W[0] + b[0])
        A2 = torch.tanh(A1 @ W[1] + b[1])
        P = torch.softmax(A2 @ W[2] + b[2], dim=1)
        L = -(Y * torch.log(P)).sum(dim=1).mean()
        L.backward()
        with torch.no_grad():
            for p in W + b:
                p -= lr * p.grad
                p.grad = None
        loss = L.item()
    return loss


times = []
loss = train()  # warm-up
for _ in range(rounds):
    t0 = time.perf_counter()
    loss = train()
    times.append(time.perf_counter() - t0)
times.sort()
print(json.dumps({"epochsPerSec": epochs / times[len(times) // 2], "finalLoss": loss, "torch": torch.__version__}))
