"""Guess the number: a game in the Sidekick console.

The program picks a whole number between 1 and 100; type a guess in the
console's input box and press Enter. It answers "too low" or "too high"
until you find it, then starts a new round.

    sidekick run examples/guess_number.py
"""

import random

import sidekick

console = sidekick.Console(show_input=True)
secret = 0
guesses = 0


def new_round():
    global secret, guesses
    secret = random.randint(1, 100)
    guesses = 0
    console.print("I'm thinking of a number between 1 and 100. What is it?")


@console.submit
def on_guess(event):
    global guesses
    text = event.value.strip()
    console.print(f"> {text}")
    if not text.isdigit():
        console.print("Please type a whole number, like 42.")
        return
    guess = int(text)
    guesses += 1
    if guess < secret:
        console.print(f"{guess} is too low.")
    elif guess > secret:
        console.print(f"{guess} is too high.")
    else:
        console.print(f"Yes, it is {secret}! You needed {guesses} guesses.")
        new_round()


new_round()
sidekick.run_forever()
