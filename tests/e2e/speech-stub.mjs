// A stand-in for the browser's speech synthesizer, for the read-aloud tests (issue 11). It is
// installed into the page before the reader speaks (`installSpeechStub` is sent as source text,
// so it must not refer to anything outside itself). It says nothing: it records every call and
// every utterance (text, lang, the chosen voice's lang), and fires an utterance's events only
// when a test tells it to, through `window.speechStub`.

/** Replaces `speechSynthesis` and `SpeechSynthesisUtterance`; `voices` are the voices' tags. */
export function installSpeechStub(voices) {
  const stub = { calls: [], spoken: [], queue: [] };
  class Utterance {
    constructor(text) {
      this.text = text;
      this.lang = '';
      this.voice = null;
      this.onstart = null;
      this.onend = null;
      this.onerror = null;
      this.onboundary = null;
    }
  }
  const synth = {
    getVoices: () => voices.map((lang) => ({ lang, name: `stub ${lang}`, voiceURI: `stub:${lang}`, default: false, localService: true })),
    speak(utterance) {
      stub.calls.push('speak');
      stub.spoken.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice?.lang ?? null });
      stub.queue.push(utterance);
    },
    // A real synthesizer fires `error` on the utterances it drops; the reader detaches its
    // handlers first, which the stub checks by firing them too.
    cancel() {
      stub.calls.push('cancel');
      const dropped = stub.queue;
      stub.queue = [];
      for (const utterance of dropped) utterance.onerror?.(new Event('error'));
    },
    pause() { stub.calls.push('pause'); },
    resume() { stub.calls.push('resume'); },
    addEventListener() {},
    removeEventListener() {},
    speaking: false,
    paused: false,
    pending: false,
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true, writable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true, writable: true });
  window.speechStub = {
    stub,
    /** The utterance being spoken starts. */
    start() { stub.queue[0]?.onstart?.(new Event('start')); },
    /** A word boundary in the utterance being spoken. */
    boundary() { stub.queue[0]?.onboundary?.(new Event('boundary')); },
    /** The utterance being spoken ends. */
    end() {
      const utterance = stub.queue.shift();
      utterance?.onend?.(new Event('end'));
    },
  };
}

/** Takes the synthesizer away, as in a browser without speech. */
export function removeSpeech() {
  delete Window.prototype.speechSynthesis;
  delete window.speechSynthesis;
}
