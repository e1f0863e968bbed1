"""The signed-in user's way in: "My rounds", the rounds they take part in and what in each
needs them (drafts to table, positions to renew, signatures, keys to approve, votes). It sits
above the room, decisions and signing, and reads each through that app's own access rules."""
