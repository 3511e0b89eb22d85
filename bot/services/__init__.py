"""Transport-free services. They take ``now`` as a parameter, open one transaction per action and never
import discord."""
